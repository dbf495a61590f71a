// Courses: content imported as revisions, and each learner's enrolments, progress, quiz attempts and certificates.
import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { organisations, users } from './auth';

/** graded quizzes count for the certificate (limited attempts, feedback later); practice quizzes are for learning */
export const QUIZ_MODES = ['graded', 'practice'] as const;
export type QuizMode = (typeof QUIZ_MODES)[number];

export const courses = sqliteTable(
	'courses',
	{
		id: text('id').primaryKey(),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull(),
		summaryEn: text('summary_en').notNull().default(''),
		descriptionHtml: text('description_html').notNull().default(''),
		// the Markdown behind descriptionHtml when written in the studio ('' for imported courses: export writes the HTML)
		descriptionMd: text('description_md').notNull().default(''),
		language: text('language', { enum: ['de', 'en'] }).notNull().default('de'),
		level: text('level', { enum: ['beginner', 'intermediate', 'advanced'] }).notNull(),
		// JSON array of strings
		topics: text('topics').notNull().default('[]'),
		hours: real('hours').notNull(),
		passScore: integer('pass_score').notNull().default(70),
		// the quiz policy (content/README.md "Quiz"): the default mode of the course's quizzes, graded attempts per
		// 24 hours, and the wait in seconds after a failed graded attempt
		quizMode: text('quiz_mode', { enum: QUIZ_MODES }).notNull().default('graded'),
		quizAttempts: integer('quiz_attempts').notNull().default(3),
		quizWaitS: integer('quiz_wait_s').notNull().default(30),
		certificate: integer('certificate', { mode: 'boolean' }).notNull().default(true),
		featured: integer('featured', { mode: 'boolean' }).notNull().default(false),
		demo: integer('demo', { mode: 'boolean' }).notNull().default(false),
		// the course's cover image (course.md `cover:` + `cover_alt:`): a path under MEDIA_DIR in a content-hashed folder,
		// its required alt text and its size (width and height on the <img> keep the layout from shifting)
		coverPath: text('cover_path'),
		coverAlt: text('cover_alt').notNull().default(''),
		coverWidth: integer('cover_width'),
		coverHeight: integer('cover_height'),
		visibility: text('visibility', { enum: ['public', 'councils'] }).notNull().default('public'),
		// 'studio': created in the studio (or from a studio zip); the content/ import never archives it for a missing folder
		origin: text('origin', { enum: ['import', 'studio'] }).notNull().default('import'),
		sourceHash: text('source_hash').notNull(),
		// a draft is seen only by its owners and admins (studio, preview): not listed, 404 for everyone else, no certificates
		draft: integer('draft', { mode: 'boolean' }).notNull().default(false),
		archivedAt: integer('archived_at'),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [uniqueIndex('courses_slug_uq').on(t.slug)]
);
export type Course = typeof courses.$inferSelect;

/** Which councils see a course whose visibility is 'councils'. */
export const courseOrganisations = sqliteTable(
	'course_organisations',
	{
		courseId: text('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.courseId, t.organisationId] })]
);

export const modules = sqliteTable(
	'modules',
	{
		id: text('id').primaryKey(),
		courseId: text('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		slug: text('slug').notNull(),
		title: text('title').notNull(),
		summary: text('summary').notNull().default(''),
		descriptionHtml: text('description_html').notNull().default(''),
		position: integer('position').notNull(),
		// import: module.md hash and folder number last applied ('studio' for studio-made modules)
		sourceHash: text('source_hash').notNull(),
		origin: text('origin', { enum: ['import', 'studio'] }).notNull().default('import'),
		archivedAt: integer('archived_at')
	},
	(t) => [uniqueIndex('modules_course_slug_uq').on(t.courseId, t.slug)]
);
export type Module = typeof modules.$inferSelect;

export const lessons = sqliteTable(
	'lessons',
	{
		id: text('id').primaryKey(),
		// `<course>/<lesson-slug>` or the front matter `id`: survives renumbering and edits
		identity: text('identity').notNull(),
		courseId: text('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		moduleId: text('module_id')
			.notNull()
			.references(() => modules.id),
		slug: text('slug').notNull(),
		position: integer('position').notNull(),
		// copied from the published revision for lists (title, duration, quiz yes/no, episode)
		title: text('title').notNull(),
		durationMin: integer('duration_min').notNull(),
		hasQuiz: integer('has_quiz', { mode: 'boolean' }).notNull().default(false),
		// front matter `quiz: graded|practice`; null: the course's quizMode
		quizMode: text('quiz_mode', { enum: QUIZ_MODES }),
		episode: text('episode'),
		publishedRevisionId: text('published_revision_id'),
		sourcePath: text('source_path').notNull().default(''),
		// what the content/ import last applied (file source, path, module, position); null for studio-made lessons.
		// An unchanged file never overrides studio edits (see src/lib/server/courses/import-lesson.ts).
		importHash: text('import_hash'),
		archivedAt: integer('archived_at'),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [uniqueIndex('lessons_identity_uq').on(t.identity), index('lessons_course_idx').on(t.courseId, t.slug)]
);
export type Lesson = typeof lessons.$inferSelect;

export const lessonRevisions = sqliteTable(
	'lesson_revisions',
	{
		id: text('id').primaryKey(),
		lessonId: text('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		contentHash: text('content_hash').notNull(),
		source: text('source').notNull(),
		html: text('html').notNull(),
		text: text('text').notNull().default(''),
		// JSON QuizQuestion[] with the right answers: never sent to a browser as is
		quiz: text('quiz'),
		// JSON of title, duration, summary_en, episode
		meta: text('meta').notNull().default('{}'),
		origin: text('origin', { enum: ['import', 'studio'] }).notNull().default('import'),
		authorId: text('author_id'),
		// '' for the lesson itself; a variant's language tag ('de-x-ls', 'ar', …) for a revision of that variant
		lang: text('lang').notNull().default(''),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('lesson_revisions_lesson_idx').on(t.lessonId, t.createdAt)]
);
export type LessonRevision = typeof lessonRevisions.$inferSelect;

/**
 * A lesson in another language or in Leichte Sprache (`NN-lesson.<tag>.md`). It is not a lesson of its own: it shares
 * the lesson's identity, progress, quiz results and certificate; its quiz asks the same questions with the same
 * answer key (its stored question and option ids are the lesson's). Revisions live in lesson_revisions (lang = tag).
 */
export const lessonVariants = sqliteTable(
	'lesson_variants',
	{
		lessonId: text('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		lang: text('lang').notNull(),
		// copied from the published revision for lists
		title: text('title').notNull(),
		durationMin: integer('duration_min').notNull(),
		publishedRevisionId: text('published_revision_id'),
		// the variant file ('' when made in the studio: then the import never archives it)
		sourcePath: text('source_path').notNull().default(''),
		// what the content/ import last applied; the same rule as lessons.import_hash
		importHash: text('import_hash'),
		archivedAt: integer('archived_at'),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.lessonId, t.lang] })]
);
export type LessonVariant = typeof lessonVariants.$inferSelect;

/** Content imports: the hash of the whole tree, so an unchanged start does no work. */
export const contentState = sqliteTable('content_state', {
	key: text('key').primaryKey(),
	hash: text('hash').notNull(),
	// JSON ContentProblem[] of the last import
	errors: text('errors').notNull().default('[]'),
	importedAt: integer('imported_at').notNull()
});

export const enrolments = sqliteTable(
	'enrolments',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		courseId: text('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		enrolledAt: integer('enrolled_at').notNull(),
		completedAt: integer('completed_at')
	},
	(t) => [primaryKey({ columns: [t.userId, t.courseId] }), index('enrolments_course_idx').on(t.courseId)]
);

export const lessonProgress = sqliteTable(
	'lesson_progress',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		startedAt: integer('started_at').notNull(),
		completedAt: integer('completed_at'),
		// how it was completed: 'manual', 'quiz', 'podcast'
		completedBy: text('completed_by')
	},
	(t) => [primaryKey({ columns: [t.userId, t.lessonId] }), index('lesson_progress_lesson_idx').on(t.lessonId)]
);

export const quizAttempts = sqliteTable(
	'quiz_attempts',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		lessonId: text('lesson_id')
			.notNull()
			.references(() => lessons.id, { onDelete: 'cascade' }),
		revisionId: text('revision_id').notNull(),
		// JSON: question id → chosen option ids
		answers: text('answers').notNull(),
		score: integer('score').notNull(),
		passed: integer('passed', { mode: 'boolean' }).notNull(),
		// made under the graded policy (counted against the limit); only a passed graded attempt counts for the certificate
		graded: integer('graded', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull()
	},
	(t) => [index('quiz_attempts_user_lesson_idx').on(t.userId, t.lessonId)]
);

export const certificates = sqliteTable(
	'certificates',
	{
		id: text('id').primaryKey(),
		// ≥ 128 random bits: the public verification code
		code: text('code').notNull(),
		// null after the account was deleted (then `withdrawn`)
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		courseId: text('course_id')
			.notNull()
			.references(() => courses.id),
		// snapshot: what was true when it was issued, printed and verified as such
		displayName: text('display_name').notNull(),
		courseTitle: text('course_title').notNull(),
		hours: real('hours').notNull(),
		language: text('language').notNull().default('de'),
		issuedAt: integer('issued_at').notNull(),
		withdrawn: integer('withdrawn', { mode: 'boolean' }).notNull().default(false),
		revokedAt: integer('revoked_at'),
		revokedBy: text('revoked_by')
	},
	(t) => [uniqueIndex('certificates_code_uq').on(t.code), uniqueIndex('certificates_user_course_uq').on(t.userId, t.courseId)]
);
export type Certificate = typeof certificates.$inferSelect;

/** Trainers who own or co-own a course in the studio (imported courses have none until an admin assigns one). */
export const courseOwners = sqliteTable(
	'course_owners',
	{
		courseId: text('course_id')
			.notNull()
			.references(() => courses.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ['owner', 'co-owner'] })
			.notNull()
			.default('owner'),
		createdAt: integer('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.courseId, t.userId] }), index('course_owners_user_idx').on(t.userId)]
);
