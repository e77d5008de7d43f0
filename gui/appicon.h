#pragma once

#include <QIcon>

// The application icon. The design lives in resources/icons/dreamops.svg (installed for the
// .desktop file); without Qt's SVG image plugin (not a dependency) the same design is painted.
namespace AppIcon {

/// The window icon at the usual sizes.
QIcon create();

} // namespace AppIcon
