/** What the corpus layer hands to the indexer. Offsets are into `content`, the file as read. */
export interface ArticleMeta {
  /** File name inside the corpus folder; the stable id of an article. */
  file: string;
  title: string | null;
  outlet: string | null;
  url: string | null;
  published: string | null;
}

export interface Article extends ArticleMeta {
  /** The whole file as read; every span below indexes into it, so cited text stays verbatim. */
  content: string;
  /** Where the story text starts (after front matter and a headline used as title). */
  bodyStart: number;
}

export interface Span {
  start: number;
  end: number;
}

export interface Paragraph extends Span {
  /** 1-based position among the article's paragraphs, as shown to users. */
  number: number;
  text: string;
}

export interface Sentence extends Span {
  text: string;
}

export interface CorpusWarning {
  file: string;
  reason: string;
}
