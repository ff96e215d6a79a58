import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

/**
 * Writes a tiny BERT-shaped model in the transformers.js layout (config, WordPiece tokenizer, ONNX
 * graph of one Gather over a random table). Its vectors mean nothing; it exercises loading,
 * tokenising, pooling, batching and the index plumbing of the transformers.js backend.
 */
export function writeTinyModel(dir: string, opts: { dim?: number; maxLength?: number } = {}): string {
  const dim = opts.dim ?? 8;
  const words = "the a of and to in on said kremlin trump putin talks meeting moscow ukraine russia peace deal quote what did say who".split(" ");
  const vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ...words, ...Array.from("abcdefghijklmnopqrstuvwxyz0123456789.,?!'\"").flatMap((c) => [c, `##${c}`])];
  const vocabMap = Object.fromEntries(vocab.map((w, i) => [w, i]));
  mkdirSync(path.join(dir, "onnx"), { recursive: true });
  writeFileSync(path.join(dir, "config.json"), JSON.stringify({ model_type: "bert", hidden_size: dim, vocab_size: vocab.length }));
  writeFileSync(
    path.join(dir, "tokenizer_config.json"),
    JSON.stringify({ tokenizer_class: "BertTokenizer", do_lower_case: true, model_max_length: opts.maxLength ?? 64, cls_token: "[CLS]", sep_token: "[SEP]", pad_token: "[PAD]", unk_token: "[UNK]" }),
  );
  writeFileSync(
    path.join(dir, "tokenizer.json"),
    JSON.stringify({
      version: "1.0",
      truncation: null,
      padding: null,
      added_tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: {
        type: "TemplateProcessing",
        single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
        pair: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }, { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "[SEP]", type_id: 1 } }],
        special_tokens: { "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] }, "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] } },
      },
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: vocabMap },
    }),
  );
  // Deterministic pseudo-random table so runs are repeatable.
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 2 - 1;
  const table = Float32Array.from({ length: vocab.length * dim }, rand);
  const tensor = (name: string, elemType: number, dims: (number | string)[]) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
    });
  const graph = onnx.GraphProto.create({
    name: "tiny",
    node: [onnx.NodeProto.create({ opType: "Gather", input: ["table", "input_ids"], output: ["last_hidden_state"], attribute: [{ name: "axis", i: 0, type: onnx.AttributeProto.AttributeType.INT }] })],
    initializer: [onnx.TensorProto.create({ name: "table", dims: [vocab.length, dim], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(table.buffer) })],
    input: [
      tensor("input_ids", onnx.TensorProto.DataType.INT64, ["batch", "seq"]),
      tensor("attention_mask", onnx.TensorProto.DataType.INT64, ["batch", "seq"]),
      tensor("token_type_ids", onnx.TensorProto.DataType.INT64, ["batch", "seq"]),
    ],
    output: [tensor("last_hidden_state", onnx.TensorProto.DataType.FLOAT, ["batch", "seq", dim])],
  });
  const model = onnx.ModelProto.create({ irVersion: 8, opsetImport: [{ domain: "", version: 13 }], producerName: "dossier-tests", graph });
  writeFileSync(path.join(dir, "onnx", "model.onnx"), onnx.ModelProto.encode(model).finish());
  return dir;
}
