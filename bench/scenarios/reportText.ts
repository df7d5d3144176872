/**
 * A long report in the samples' plain-text format (server/samples/*.txt): the UN heading
 * lines, then numbered paragraphs `N. text` separated by blank lines, then the footnote.
 * One version per language with the same numbering, so that importing a target-language
 * version fills every segment of that language. Seeded: every run builds the same text.
 * Paragraphs have 40–119 words, or exactly `wordsPerParagraph` (the editor bench's fixed size).
 */

const WORDS: Record<string, string> = {
  en: 'the conference of the parties decided to establish an open-ended interim intergovernmental working group on the smuggling of migrants which would hold consultations on experiences and practices relating to the implementation of the protocol in accordance with article paragraph of the convention and rule of its rules of procedure member states noted the importance of technical assistance',
  fr: "la conférence des parties a décidé de créer un groupe de travail intergouvernemental provisoire à composition non limitée sur le trafic illicite de migrants qui tiendrait des consultations sur les expériences et pratiques en rapport avec l'application du protocole conformément au paragraphe de l'article de la convention",
  es: 'la conferencia de las partes decidió establecer un grupo de trabajo intergubernamental provisional de composición abierta sobre el tráfico ilícito de migrantes que celebraría consultas sobre experiencias y prácticas relativas a la aplicación del protocolo de conformidad con el párrafo del artículo de la convención',
  ru: 'конференция участников постановила учредить временную межправительственную рабочую группу открытого состава по незаконному ввозу мигрантов которая проводила бы консультации по опыту и практике осуществления протокола в соответствии с пунктом статьи конвенции',
  ar: 'قرر مؤتمر الأطراف إنشاء فريق عامل حكومي دولي مؤقت مفتوح العضوية معني بتهريب المهاجرين يعقد مشاورات بشأن الخبرات والممارسات المتعلقة بتنفيذ البروتوكول وفقا للفقرة من المادة من الاتفاقية',
  zh: '缔约方会议 决定 设立 一个 不限成员名额 临时 政府间 工作组 负责 偷运 移民 问题 就 执行 议定书 的 经验 和 做法 进行 磋商 根据 公约 第 条 第 款',
};

export function reportText(lang: string, paragraphs: number, seed = 7, wordsPerParagraph?: number): string {
  const vocabulary = (WORDS[lang] ?? WORDS.en).split(' ');
  const joiner = lang === 'zh' ? '' : ' ';
  let state = seed;
  const next = () => (state = (state * 16807) % 2147483647);
  const lines = [
    'Conference of the Parties to the United Nations Convention against Transnational Organized Crime',
    '',
    'Distr.: General',
    '10 July 2012',
    '',
    'Original: English',
    '',
    'Sixth session',
    '',
    'Vienna, 15-19 October 2012',
    '',
    'Item 2 (c) of the provisional agenda*',
    '',
    `**A benchmark report of ${paragraphs} paragraphs**`,
    '',
  ];
  for (let i = 1; i <= paragraphs; i++) {
    const length = wordsPerParagraph ?? 40 + (next() % 80);
    const words = Array.from({ length }, () => vocabulary[next() % vocabulary.length]);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    lines.push(`${i}. ${words.join(joiner)}.`, '');
  }
  lines.push('* CTOC/COP/2012/1.');
  return lines.join('\n');
}
