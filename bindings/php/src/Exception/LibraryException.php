<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * libelko could not be loaded, or the library found does not match this package (ABI). The message
 * lists every place tried, the ffi.enable setting and the PHP version.
 */
class LibraryException extends \RuntimeException implements ElkoException
{
}
