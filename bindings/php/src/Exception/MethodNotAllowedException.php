<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * 405: the path exists but not for this method.
 */
class MethodNotAllowedException extends ElkoErrorException
{
    public const STATUS = -7;
}
