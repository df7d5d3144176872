/** `/api/auth`: sign-up, sign-in, sign-out, "who am I" — request schemas and answers. */
import { z } from 'zod';

export const SignupRequest = z.object({
  name: z.string().trim().min(1, 'name is required').max(64, 'name is at most 64 characters')
    .regex(/^[\p{L}\p{N} ._@-]+$/u, 'name may contain letters, digits, spaces and . _ @ -'),
  password: z.string().min(8, 'password must have at least 8 characters').max(256),
});
export type SignupRequest = z.input<typeof SignupRequest>;

/** Looser than sign-up: an existing name is looked up as typed (trimmed). */
export const LoginRequest = z.object({ name: z.string().max(64), password: z.string().max(256) });
export type LoginRequest = z.input<typeof LoginRequest>;

export interface User {
  id: string;
  name: string;
  isAdmin?: boolean;
}

/** `POST /signup` (201) and `POST /login` (200). */
export interface AuthResponse {
  token: string;
  user: User;
}

/** `GET /me`. */
export interface MeResponse {
  user: User;
}
