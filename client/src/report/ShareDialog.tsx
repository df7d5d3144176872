/** Members and roles (owner only can change them): add by user name, change or remove a role. */
import { useState, type FormEvent } from 'react';
import { api, ApiError, type Member } from '../api/http';
import { ROLES, type Role } from '../../../shared/src/roles';
import { languageName } from '../../../shared/src/rooms';
import { Modal } from '../components/Modal';
import { Avatar } from '../components/Avatar';
import { userColor } from '../collab/userColor';

const ROLE_HELP: Record<Role, string> = {
  owner: 'Everything, including members',
  drafter: 'Writes the original',
  translator: 'Translates the chosen languages',
  reviewer: 'Comments and suggests',
  viewer: 'Reads only',
};

export function ShareDialog({ reportId, members: initial, languages, isOwner, onClose }: {
  reportId: string;
  members: Member[];
  languages: string[];
  isOwner: boolean;
  onClose: () => void;
}) {
  const [members, setMembers] = useState(initial);
  const [role, setRole] = useState<Role>('drafter');
  const [memberLanguages, setMemberLanguages] = useState<string[]>(languages.slice(0, 1));
  const [error, setError] = useState<string | null>(null);

  async function save(name: string, nextRole: Role | 'none', langs: string[] = []) {
    setError(null);
    try {
      setMembers(await api.setMember(reportId, { name, role: nextRole, ...(nextRole === 'translator' ? { languages: langs } : {}) }));
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The change could not be saved.');
      return false;
    }
  }

  async function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get('member') ?? '').trim();
    if (name && (await save(name, role, memberLanguages))) form.reset();
  }

  return (
    <Modal title="People with access" onClose={onClose} wide>
      {isOwner && (
        <form className="share-add" onSubmit={add}>
          <input name="member" placeholder="User name" aria-label="User name" required />
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} aria-label="Role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          {role === 'translator' && (
            <select multiple value={memberLanguages} onChange={(e) => setMemberLanguages([...e.target.selectedOptions].map((o) => o.value))} aria-label="Languages">
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageName(l)}
                </option>
              ))}
            </select>
          )}
          <button type="submit" className="button primary">
            Add
          </button>
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="member-list">
        {members.map((m) => (
          <li key={m.userId}>
            <Avatar name={m.name} color={userColor(m.userId)} size={32} />
            <span className="member-name">
              {m.name}
              <span className="muted">
                {ROLE_HELP[m.role]}
                {m.languages.length > 0 && ` · ${m.languages.map(languageName).join(', ')}`}
              </span>
            </span>
            {isOwner ? (
              <select value={m.role} aria-label={`Role of ${m.name}`} onChange={(e) => void save(m.name, e.target.value as Role, m.languages)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            ) : (
              <span className={`role-badge role-${m.role}`}>{m.role}</span>
            )}
            {isOwner && (
              <button type="button" className="icon-button" aria-label={`Remove ${m.name}`} onClick={() => void save(m.name, 'none')}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
