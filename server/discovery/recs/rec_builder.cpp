#include "server/discovery/recs/rec_builder.h"
