// Every domain's tables; drizzle-kit reads this file to generate migrations.
export * from './auth';
export * from './courses';
export * from './podcast';
export * from './studio';
export * from './studio-episodes';
export * from './a11y';
export * from './offline';
