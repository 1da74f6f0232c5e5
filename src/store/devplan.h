/* The school's plan of continuous professional development from the
 * database (school_dev_plan), grouped into the seed's 3 × 3 grid
 * (devplan.h). The caller asks the policy first (access_may P_ORG_EDIT
 * on the organisation, the table's permission). */
#ifndef MARSHRUT_STORE_DEVPLAN_H
#define MARSHRUT_STORE_DEVPLAN_H

#include <stdint.h>

#include "../devplan.h"    /* src/devplan.h: the grid (not this file) */

struct store;

/* The live rows of organisation org_id for year into *out (free with
 * devplan_free), with the organisation's name. ST_OK, ST_NOTFOUND for no
 * such organisation, ST_CONSTRAINT for a year outside 2000–2100, with a
 * Russian message in store_errmsg(). */
int store_devplan_load(struct store *s, int64_t org_id, int year, struct devplan *out);

#endif
