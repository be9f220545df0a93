# Parses a message with Python's email package (an independent MIME parser) and prints JSON:
# decoded headers, the MIME tree with each part's type, charset, transfer encoding and decoded
# text, the longest line in octets, and the parser's defects. Usage: mime_check.py FILE
import email, email.policy, json, sys

raw = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
parts = []
for p in msg.walk():
    entry = {'type': p.get_content_type(), 'cte': p.get('Content-Transfer-Encoding'), 'charset': p.get_content_charset(),
             'defects': [type(d).__name__ for d in p.defects]}
    if not p.is_multipart():
        entry['text'] = p.get_content().replace('\r\n', '\n')  # CRLF is the wire form of a line end
    parts.append(entry)
print(json.dumps({
    'subject': str(msg['Subject']),
    'from': str(msg['From']),
    'from_name': msg['From'].addresses[0].display_name if msg['From'] else None,
    'to': str(msg['To']),
    'message_id': str(msg['Message-ID']),
    'date': str(msg['Date']),
    'list_unsubscribe': str(msg['List-Unsubscribe']),
    'list_unsubscribe_post': str(msg['List-Unsubscribe-Post']),
    'feedback_id': str(msg['Feedback-ID']),
    'mime_version': str(msg['MIME-Version']),
    'parts': parts,
    'longest_line': max(len(l) for l in raw.split(b'\r\n')),
    'bare_lf': b'\n' in raw.replace(b'\r\n', b''),
    'defects': [type(d).__name__ for d in msg.defects],
}))
