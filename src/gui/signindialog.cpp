#include "gui/signindialog.h"
