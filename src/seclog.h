/* Security events to syslog: failed logins, refused actions, role changes.
 * Written straight to the syslog socket (RFC 3164 over a Unix datagram
 * socket, like glibc's syslog()) so that the socket is configurable: the
 * tests listen on their own, and these machines have no /dev/log. When no
 * one listens, nothing is written and the program goes on. */
#ifndef MARSHRUT_SECLOG_H
#define MARSHRUT_SECLOG_H

/* Where to send (NULL or "" = "/dev/log"). May be called again. */
void seclog_open(const char *socket_path);
void seclog_close(void);

/* One event at LOG_AUTHPRIV|LOG_NOTICE; controls in the text are made
 * harmless (a login or a name may come from anyone). */
void seclog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
