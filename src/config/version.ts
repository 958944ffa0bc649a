/** quantgate's own version (package.json's), for --version and for the golden quality record. */
import pkg from '../../package.json' with { type: 'json' };

export const QUANTGATE_VERSION: string = pkg.version;
