/** An error the user can act on: printed as one line, no stack trace, exit code 2. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export { describeIoError } from '../node/ioErrors';
