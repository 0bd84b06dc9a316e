#include "core/tokenclient.h"
