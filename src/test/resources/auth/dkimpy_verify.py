# Verifies every DKIM-Signature of a message with dkimpy (Debian python3-dkim), an implementation
# independent of Homing. Usage: dkimpy_verify.py MESSAGE NAME=TXT...  Prints one line per
# signature, "ok" or "fail", and exits 0 only when all verify.
import sys
import dkim

message = open(sys.argv[1], 'rb').read()
records = {}
for arg in sys.argv[2:]:
    name, value = arg.split('=', 1)
    records[name.rstrip('.').lower()] = value.encode()

def dnsfunc(name, timeout=5):
    key = name.decode() if isinstance(name, bytes) else name
    return records.get(key.rstrip('.').lower(), b'')

count = sum(1 for line in message.split(b'\r\n\r\n', 1)[0].split(b'\r\n') if line.lower().startswith(b'dkim-signature:'))
d = dkim.DKIM(message)
results = [bool(d.verify(idx=i, dnsfunc=dnsfunc)) for i in range(count)]
for r in results:
    print('ok' if r else 'fail')
sys.exit(0 if results and all(results) else 1)
