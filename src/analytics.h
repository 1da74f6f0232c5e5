/* Analytics that protect people: aggregated figures about groups of
 * teachers, never shown for a group smaller than the configured minimum,
 * so no individual result can be inferred (004 App.2 §6.4). */
#ifndef MARSHRUT_ANALYTICS_H
#define MARSHRUT_ANALYTICS_H

#include <stdbool.h>

struct config;

/* Whether figures about a group of this many teachers must be withheld. */
bool analytics_withheld(const struct config *cfg, int group_size);

/* The message shown instead of the figures. Static buffer. */
const char *analytics_withheld_text(const struct config *cfg, int group_size);

#endif
