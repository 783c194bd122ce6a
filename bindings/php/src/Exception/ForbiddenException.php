<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * 403 that is not a rate limit: typically this server's IP is not on the company's allow-list.
 */
class ForbiddenException extends ElkoErrorException
{
    public const STATUS = -4;
}
