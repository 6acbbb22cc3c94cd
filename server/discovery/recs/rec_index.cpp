#include "server/discovery/recs/rec_index.h"
