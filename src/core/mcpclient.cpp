#include "core/mcpclient.h"
