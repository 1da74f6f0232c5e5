/* Files through the SSH login, as git-shell does behind a forced command.
 *
 * sshd's ForceCommand runs the program at every login; the command the
 * client asked for (`ssh -T petrova@server report indicators -o - > f`)
 * arrives in SSH_ORIGINAL_COMMAND. The program parses it itself, with no
 * shell: words split on spaces and tabs, single and double quotes for a
 * word with spaces, and nothing a shell would act on (; | & $ ` < > ( ) \
 * * ? [ ] { } ~ # !) outside quotes. Only a short list of verbs runs:
 *   report …, export card …, analytics …, route list, import KIND -
 * each exactly as the same verb typed on the server, with the Unix user's
 * own identity and rights. Everything else is refused with exit 2.
 * Unix-account mode only: in password mode there is no terminal to ask
 * the password on.
 *
 * Also kept here, in one place: the server's name as the client reaches
 * it, for the one command the screens show to fetch a saved file. */
#ifndef MARSHRUT_SSHCMD_H
#define MARSHRUT_SSHCMD_H

#include <stdbool.h>
#include <stddef.h>

struct cli_ctx;
struct config;

/* First thing in main(), before secure_start() clears the environment:
 * keeps SSH_ORIGINAL_COMMAND, SSH_CONNECTION and the host name. */
void sshcmd_capture(void);

/* Whether the client asked for a command (SSH_ORIGINAL_COMMAND set and not
 * blank); otherwise the terminal interface runs as usual. */
bool sshcmd_pending(void);

/* Split line into words (*argv NULL-terminated, freed with sshcmd_free).
 * NULL on success, else a Russian message (and nothing to free). */
const char *sshcmd_split(const char *line, int *argc, char ***argv);
void sshcmd_free(int argc, char **argv);

/* Whether the words are one of the allowed verbs: NULL, or a Russian
 * message saying what is allowed. */
const char *sshcmd_check(int argc, char **argv);

/* Run the pending command (see above): parse, check, refuse in password
 * mode, log to syslog, then the verb. Returns the exit code (2 when
 * refused here, the verb's own otherwise). */
int sshcmd_run(struct cli_ctx *ctx);

/* The largest file `import KIND -` accepts on standard input. */
#define SSHCMD_STDIN_MAX (64L * 1024 * 1024)

/* Standard input into a new private file (mode 0600, TMPDIR or /tmp, the
 * user's own), at most SSHCMD_STDIN_MAX bytes: its name in path. 0, or -1
 * with a Russian message in err and no file left (over the cap, a
 * terminal instead of a file, a read or write error). The caller unlinks
 * the file when done. */
int sshcmd_spool_stdin(char *path, size_t pathsz, char *err, size_t errsz);

/* The note a screen shows after writing a file: where it is, and the one
 * command that brings the same file to the user's computer:
 *   ssh -T [-p PORT] LOGIN@SERVER ARGS -o - > LOCAL
 * args are the remote verb's words (each quoted if it needs it), local the
 * suggested name on the user's side. NULL when the session did not come
 * over SSH, or in password mode (files go through Unix accounts only).
 * Caller frees. */
/* The client's address from SSH_CONNECTION, "" when not over SSH: the
 * source that login attempts are counted for. */
const char *sshcmd_client(void);

/* The one command that uploads a file of KIND (persons, orgs, …) from the
 * user's PC, when the session came over SSH in Unix-account mode; NULL
 * otherwise. Caller frees. */
char *sshcmd_upload_note(const struct config *cfg, const char *login, const char *kind);
char *sshcmd_fetch_note(const struct config *cfg, const char *login, const char *path,
			const char *const *args, int nargs, const char *local);

/* The server as the client names it: the configured ssh_host, else the
 * address the client connected to (SSH_CONNECTION), else the host name;
 * *port gets the port when it is not 22, else 0. */
const char *sshcmd_server(const struct config *cfg, int *port);

#endif
