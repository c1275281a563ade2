/** Error codes shared by every entry point (IPC, headless host, REST API). */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'too_large'
  | 'rate_limited'
  | 'internal';

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  /** Field path -> what is wrong with it; present on validation errors. */
  fields?: Record<string, string>;
}

export class AppError extends Error implements AppErrorShape {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(fields: Record<string, string>): AppError {
    return new AppError('validation', `Invalid ${Object.keys(fields).join(', ')}`, fields);
  }

  /** Throws a validation error naming `fields`, when there are any. */
  static throwIfInvalid(fields: Record<string, string>): void {
    if (Object.keys(fields).length) throw AppError.validation(fields);
  }

  static notFound(what: string, id: string): AppError {
    return new AppError('not_found', `${what} ${id} does not exist`);
  }

  static conflict(message: string): AppError {
    return new AppError('conflict', message);
  }

  static forbidden(message: string): AppError {
    return new AppError('forbidden', message);
  }

  toShape(): AppErrorShape {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
