/** A problem with a sweep document, a shard file or a merge, said in one line (the CLI prints it as is). */
export class SweepError extends Error {
  constructor(message: string) {
    super(message.replace(/\s+/g, ' '));
    this.name = 'SweepError';
  }
}
