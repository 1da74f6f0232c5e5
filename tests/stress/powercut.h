/* A simulated power cut for tests: see powercut.c. */
#ifndef MARSHRUT_POWERCUT_H
#define MARSHRUT_POWERCUT_H

/* Make a pass-through VFS the default, which after after_ops writes,
 * syncs, truncations and deletions loses a random part of what was not
 * synced and ends the process (exit status 0). seed draws the losses. */
int powercut_install(long after_ops, unsigned seed);

#endif
