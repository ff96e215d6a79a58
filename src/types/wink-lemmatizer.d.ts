/** wink-lemmatizer ships no types; these are the functions Dossier uses. */
declare module "wink-lemmatizer" {
  const lemmatizer: {
    verb(word: string): string;
    noun(word: string): string;
    adjective(word: string): string;
  };
  export default lemmatizer;
}
