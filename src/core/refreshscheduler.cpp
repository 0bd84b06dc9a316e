#include "core/refreshscheduler.h"
