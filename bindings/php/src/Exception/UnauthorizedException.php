<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * The token is missing, invalid or deactivated (ELKO answers 403 with an empty body).
 */
class UnauthorizedException extends ElkoErrorException
{
    public const STATUS = -3;
}
