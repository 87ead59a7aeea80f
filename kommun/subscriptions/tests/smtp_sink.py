"""
A real SMTP server for the tests, run as its own process: aiosmtpd on 127.0.0.1, writing
each accepted message to a file in a folder. Recipients starting with "bounce" are refused
for good (550 5.1.1), those starting with "later" for now (451 4.3.0).

    python smtp_sink.py PORT FOLDER
"""

import asyncio
import sys
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, folder):
        self.folder = Path(folder)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bounce"):
            return "550 5.1.1 No such user"
        if address.startswith("later"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = self.folder / f"{uuid.uuid4().hex}.eml"
        partial = name.with_suffix(".part")
        partial.write_bytes(envelope.original_content)
        partial.rename(name)  # readers never see half a message
        return "250 Message accepted"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    controller = Controller(Handler(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
