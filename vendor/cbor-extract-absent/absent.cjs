// cbor-x wraps its require of the native extractor in try/catch and falls back to JavaScript.
throw new Error('cbor-extract is not installed: cbor-x uses its JavaScript decoder');
