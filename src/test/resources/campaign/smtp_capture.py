# A capturing SMTP server on Python's aiosmtpd (Debian python3-aiosmtpd), independent of Homing:
# each accepted message is written to DIR/N.eml with its envelope in DIR/N.env (MAIL FROM, then
# one RCPT TO per line). Usage: smtp_capture.py DIR PORT
import asyncio, os, sys
from aiosmtpd.controller import Controller

out, port = sys.argv[1], int(sys.argv[2])
count = 0

class Capture:
    async def handle_DATA(self, server, session, envelope):
        global count
        count += 1
        base = os.path.join(out, str(count))
        with open(base + '.eml.tmp', 'wb') as f:
            f.write(envelope.original_content)
        with open(base + '.env', 'w') as f:
            f.write(envelope.mail_from + '\n' + '\n'.join(envelope.rcpt_tos) + '\n')
        os.rename(base + '.eml.tmp', base + '.eml')
        return '250 2.0.0 captured'

controller = Controller(Capture(), hostname='127.0.0.1', port=port, enable_SMTPUTF8=True)
controller.start()
print('ready', flush=True)
try:
    asyncio.get_event_loop().run_forever()
except KeyboardInterrupt:
    pass
