"""A real SMTP server for the mail tests (aiosmtpd, from Debian's python3-aiosmtpd).

Usage: smtp_sink.py PORT DIR [REFUSE]
Each accepted message is written to DIR as NNNN.json: envelope recipients, sender, decoded
subject, plain-text and HTML parts, Message-ID and Content-Language. The first REFUSE messages
(default 0) are answered "451 4.3.0 try again later" (a temporary failure). Prints READY once
listening, then serves until killed.
"""

import asyncio
import email
import email.policy
import json
import os
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, refuse):
        self.directory = directory
        self.refuse = refuse
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        self.count += 1
        record = {
            "rcpt_tos": envelope.rcpt_tos,
            "mail_from": envelope.mail_from,
            "subject": str(message["subject"]),
            "message_id": str(message["message-id"]),
            "content_language": str(message["content-language"]),
            "text": text.get_content() if text else "",
            "html": html.get_content() if html else "",
        }
        path = os.path.join(self.directory, "%04d.json" % self.count)
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(path + ".tmp", path)
        return "250 OK"


def main():
    port = int(sys.argv[1])
    directory = sys.argv[2]
    refuse = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory, refuse), hostname="127.0.0.1", port=port)
    controller.start()
    print("READY", flush=True)
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
