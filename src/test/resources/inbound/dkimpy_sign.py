#!/usr/bin/python3
"""Signs a message with dkimpy (Debian python3-dkim): dkimpy_sign.py MESSAGE KEY.pem DOMAIN SELECTOR > signed."""
import sys
import dkim

message = open(sys.argv[1], "rb").read()
key = open(sys.argv[2], "rb").read()
signature = dkim.sign(message, sys.argv[4].encode(), sys.argv[3].encode(), key,
                      include_headers=[b"from", b"to", b"subject"])
sys.stdout.buffer.write(signature + message)
