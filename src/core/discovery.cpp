#include "core/discovery.h"
