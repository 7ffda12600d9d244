/**
 * A part of an .xlsx parsed as it is inflated, with saxes (a strict, non-validating SAX parser that expands no
 * entities beyond the five predefined ones, so no "billion laughs"). Tag and attribute names come without their
 * namespace prefix ("x:row" → "row"). Nesting deeper than MAX_XML_DEPTH is refused, and so is any stretch of more
 * than MAX_XML_RUN characters without an event: saxes holds a text, a tag or a comment whole until it ends, so 99 MB
 * of spaces between two tags would otherwise be 99 MB (or twice that) in memory.
 */
import { SaxesParser } from "saxes";
import { AppError } from "../errors";
import { MAX_XML_DEPTH, MAX_XML_RUN } from "./sheet-limits";
import { brokenWorkbook } from "./xlsx-zip";

export type XmlTag = { name: string; attributes: Record<string, string> };
export type XmlHandlers = {
  open?: (tag: XmlTag, depth: number) => void;
  text?: (text: string) => void;
  close?: (name: string, depth: number) => void;
};

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/**
 * A push parser: `write` each chunk of bytes, then `end`. Handlers run synchronously inside `write`; an AppError
 * they throw comes out of `write`, and so does any well-formedness error, as "tệp hỏng".
 */
export function xmlPushParser(handlers: XmlHandlers) {
  const parser = new SaxesParser({ position: false });
  let depth = 0;
  let sinceEvent = 0;
  // Comments, CDATA and processing instructions reset nothing: Excel writes none, and a long one counts as a run.
  let failure: unknown = null;
  let decoder: TextDecoder | null = null;
  parser.on("opentag", (node) => {
    sinceEvent = 0;
    depth++;
    if (depth > MAX_XML_DEPTH)
      throw new AppError(
        "validation",
        `Tệp Excel có cấu trúc lồng quá ${MAX_XML_DEPTH} tầng: tệp bị hỏng hoặc được tạo để phá hệ thống`,
      );
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(node.attributes)) attributes[localName(key)] = String(value);
    handlers.open?.({ name: localName(node.name), attributes }, depth);
  });
  parser.on("text", (text) => {
    sinceEvent = 0;
    handlers.text?.(text);
  });
  parser.on("closetag", (node) => {
    sinceEvent = 0;
    handlers.close?.(localName(node.name), depth);
    depth--;
  });
  parser.on("error", (error) => {
    failure ??= error;
    throw error;
  });
  const run = (work: () => void) => {
    try {
      work();
    } catch (error) {
      throw error instanceof AppError ? error : new AppError("validation", brokenWorkbook);
    }
    if (failure && !(failure instanceof AppError)) throw new AppError("validation", brokenWorkbook);
  };
  return {
    write(chunk: Buffer) {
      if (!decoder) {
        const wide =
          chunk[0] === 0xff && chunk[1] === 0xfe
            ? "utf-16le"
            : chunk[0] === 0xfe && chunk[1] === 0xff
              ? "utf-16be"
              : "utf-8";
        decoder = new TextDecoder(wide, { fatal: true });
      }
      const activeDecoder = decoder;
      let text = "";
      run(() => {
        text = activeDecoder.decode(chunk, { stream: true });
      });
      for (let start = 0; start < text.length; start += 65_536) {
        const piece = text.slice(start, start + 65_536);
        run(() => parser.write(piece));
        sinceEvent += piece.length;
        if (sinceEvent > MAX_XML_RUN)
          throw new AppError(
            "validation",
            `${brokenWorkbook} (một đoạn dài hơn ${MAX_XML_RUN.toLocaleString("vi-VN")} ký tự không ngắt)`,
          );
      }
    },
    end() {
      run(() => {
        if (decoder) parser.write(decoder.decode());
        parser.close();
      });
    },
  };
}

/** Parses a whole part (a small one: workbook, relationships, styles, shared strings). */
export async function parseXmlPart(chunks: AsyncIterable<Buffer>, handlers: XmlHandlers): Promise<void> {
  const parser = xmlPushParser(handlers);
  for await (const chunk of chunks) parser.write(chunk);
  parser.end();
}
