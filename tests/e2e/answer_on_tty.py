# answer_on_tty.py ANSWER CMD...: runs CMD on a pseudo-terminal, as a person at
# a terminal would, answers ANSWER to its [y/N] question, prints what it showed.
import os, pty, sys, select
answer = sys.argv[1].encode()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b""
answered = False
while True:
    r, _, _ = select.select([fd], [], [], 5)
    if not r: break
    try: data = os.read(fd, 4096)
    except OSError: break
    if not data: break
    out += data
    if not answered and b"[y/N]" in out:
        os.write(fd, answer + b"\n"); answered = True
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode("utf-8", "replace"))
sys.exit(os.waitstatus_to_exitcode(status))
