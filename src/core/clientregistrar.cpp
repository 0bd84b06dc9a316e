#include "core/clientregistrar.h"
