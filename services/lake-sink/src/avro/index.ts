export {
  decodeContainer,
  encodeContainer,
  type AvroCodec,
  type ContainerInput,
  type DecodedContainer,
} from './container.js';
