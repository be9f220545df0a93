#!/usr/bin/python3
"""Outsiders against the inbound server (Python's smtplib and raw sockets).
flood.py big HOST PORT COUNT MEGABYTES     COUNT messages of MEGABYTES each at once; prints one reply code per message
flood.py idle HOST PORT COUNT              COUNT idle connections from 127.0.0.1, then one message from 127.0.0.2;
                                           prints the greeting codes of the idle ones, then the code of the other sender's message
"""
import smtplib, socket, sys, threading

host, port = sys.argv[2], int(sys.argv[3])

def message(size):
    body = ("x" * 998 + "\r\n") * (size // 1000 + 1)
    return ("From: outsider@example.net\r\nTo: postmaster@bounces.homing.test\r\nSubject: big\r\n\r\n" + body[:size]).encode()

def send(data, results, i, source=None):
    try:
        s = smtplib.SMTP(host, port, timeout=120, source_address=source)
        s.ehlo("outsider.example.net")
        s.mail("outsider@example.net")
        s.rcpt("postmaster@bounces.homing.test")
        code, _ = s.data(data)
        results[i] = code
        s.quit()
    except smtplib.SMTPResponseException as e:
        results[i] = e.smtp_code
    except Exception as e:
        results[i] = "error " + type(e).__name__ + " " + str(e)

if sys.argv[1] == "big":
    count, megabytes = int(sys.argv[4]), int(sys.argv[5])
    data = message(megabytes * 1024 * 1024)
    results = [None] * count
    threads = [threading.Thread(target=send, args=(data, results, i)) for i in range(count)]
    for t in threads: t.start()
    for t in threads: t.join()
    for r in results: print(r)
else:
    count = int(sys.argv[4])
    idle = []
    for i in range(count):
        c = socket.create_connection((host, port), timeout=10, source_address=("127.0.0.1", 0))
        idle.append(c)
    greetings = []
    for c in idle:
        try:
            greetings.append(c.recv(512).decode(errors="replace")[:3] or "closed")
        except Exception as e:
            greetings.append("error")
    print(" ".join(greetings))
    results = [None]
    send(b"From: a@example.net\r\nTo: postmaster@bounces.homing.test\r\nSubject: hi\r\n\r\nhello\r\n", results, 0, ("127.0.0.2", 0))
    print(results[0])
    for c in idle: c.close()
