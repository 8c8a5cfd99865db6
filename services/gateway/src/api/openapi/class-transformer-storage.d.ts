// class-transformer 0.5 ships no types beside its CJS build; its storage is what class-validator-jsonschema reads @Type from.
declare module 'class-transformer/cjs/storage.js' {
  import type { MetadataStorage } from 'class-transformer/types/MetadataStorage.js';
  export const defaultMetadataStorage: MetadataStorage;
}
