// A content problem as a code and its parameters, beside the English sentence: the studio renders the code through
// the messages in the trainer's language (src/lib/server/studio/problem-text.ts); the content:import CLI and the
// stored import report keep the English sentence.
export type ProblemParams = Record<string, string | number>;

export interface Coded {
	/** a key of messages/<locale>/trainer-feedback.json without its `tf_cv_` prefix */
	code?: string;
	/** values for the message's placeholders; a value starting with "what_" names another message (a field's rule) */
	params?: ProblemParams;
}
