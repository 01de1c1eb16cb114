# on_tty.py ROWS COLUMNS CMD...: runs CMD with a pseudo-terminal of that size
# as standard input, output and error, as a person at a terminal would, and
# prints what the terminal showed (its line ends as sent: CR LF).
import fcntl, os, struct, subprocess, sys, termios, select
rows, columns = int(sys.argv[1]), int(sys.argv[2])
leader, follower = os.openpty()
fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
child = subprocess.Popen(sys.argv[3:], stdin=follower, stdout=follower, stderr=follower,
                         start_new_session=True)
os.close(follower)
shown = b""
while True:
    ready, _, _ = select.select([leader], [], [], 10)
    if not ready:
        break
    try:
        data = os.read(leader, 65536)
    except OSError:  # the last holder of the terminal closed it
        break
    if not data:
        break
    shown += data
sys.stdout.write(shown.decode("utf-8", "replace").replace("\r\n", "\n"))
sys.exit(child.wait())
