#include "core/jwt.h"
