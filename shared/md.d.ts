// Lesson prose, compiled by build/lesson-loader.ts into the parsed lesson.
declare module '*.md' {
  const lesson: import('./lesson').Lesson;
  export default lesson;
}
