// Imported (for its effect) before the experiment schemas and models load: zod compiles a parser
// for each object schema the first time it parses one (with `new Function`), which pays when a
// schema parses many values. The CLI's main thread parses the experiment file and each
// configuration once, where compiling costs more than it saves (`hasim validate` of the flagship
// file: about 10% of its start-up). The setting is per thread: worker threads keep the compiler.
import { config } from 'zod';

config({ jitless: true });
