#include "core/refreshlock.h"
