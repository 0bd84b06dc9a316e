#include "gui/browserwaitdialog.h"
