import { VERB_SUBJECT_AFTER, SUBJECT_VERB_AFTER } from "../src/quotes/speech.js";
const tail = ` said Putin. He argued that Kyiv.`;
console.log(VERB_SUBJECT_AFTER.exec(tail), SUBJECT_VERB_AFTER.exec(tail));
