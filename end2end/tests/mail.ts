// The mails the app sent during the run. The e2e server has no SMTP server configured: it writes
// each mail as an .eml file into MAIL_DIR (set by playwright.config.ts, emptied by
// start-server.mjs), as it does for a newcomer running the app.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';

export const MAIL_DIR = process.env.E2E_MAIL_DIR ?? path.join(os.tmpdir(), 'accelerateur-e2e-mails');

export interface Mail {
  file: string;
  to: string;
  subject: string;
  /** The plain-text part, decoded. */
  text: string;
}

/** Decodes quoted-printable text (the app writes both parts that way). */
function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Decodes an RFC 2047 header (=?utf-8?b?...?= or =?utf-8?q?...?= words). */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function parse(file: string): Mail {
  const raw = fs.readFileSync(file, 'utf8');
  const [head] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) => unfolded.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'))?.[1] ?? '';
  // The text part: its headers up to the blank line, then its body up to the next boundary.
  const plain = raw.match(/Content-Type: text\/plain[\s\S]*?\r?\n\r?\n([\s\S]*?)\r?\n--/i);
  return { file, to: header('To'), subject: decodeHeader(header('Subject')), text: plain ? decodeQuotedPrintable(plain[1]) : raw };
}

/** The latest mail to `to` whose subject contains `subject`, waiting for the app's sender. */
export async function mailTo(to: string, subject: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort() : [];
        found = files
          .map((f) => parse(path.join(MAIL_DIR, f)))
          .filter((m) => m.to.includes(to) && m.subject.includes(subject))
          .pop();
        return found !== undefined;
      },
      { message: `a mail to ${to} about « ${subject} » in ${MAIL_DIR}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** The path (on the app) of the first link in the mail that starts with `prefix`. */
export function linkIn(mail: Mail, prefix: string): string {
  const match = mail.text.match(new RegExp(`https?://[^/\\s]+(${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s]*)`));
  expect(match, `a link to ${prefix} in:\n${mail.text}`).not.toBeNull();
  return match![1];
}
