/** Thrown when a duration or rate cannot be parsed; the message names the field, quotes the
 *  bad value and lists the allowed units. */
export class UnitError extends Error {
  readonly field: string;
  readonly value: unknown;
  constructor(message: string, field: string, value: unknown) {
    super(message);
    this.name = 'UnitError';
    this.field = field;
    this.value = value;
  }
}
