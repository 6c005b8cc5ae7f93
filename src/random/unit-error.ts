import { ConfigError } from '../base/config-error.js';

/** A duration or rate that cannot be parsed; the message names the field, quotes the bad value
 *  and lists the allowed units. A ConfigError of its own class so that a schema can take the
 *  message of a unit over the message of anything else. */
export class UnitError extends ConfigError {
  declare readonly field: string;
  constructor(message: string, field: string, value: unknown) {
    super(message, field, value);
    this.name = 'UnitError';
  }
}
