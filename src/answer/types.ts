/** The answer contract shared by the CLI (--json) and the Discord bot. */
export interface Source {
  article: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  paragraph: number;
}

export interface AnswerItem {
  text: string;
  kind: "quote" | "statement" | "passage";
  speaker: string | null;
  role: string | null;
  sources: Source[];
  score: number;
}

export interface Answer {
  question: string;
  answered: boolean;
  message?: string;
  items: AnswerItem[];
}
