<?php
declare(strict_types=1);

namespace Elko\Exception;

/**
 * A write was refused because the client is in dry-run mode; nothing was sent.
 */
class WriteRefusedException extends ElkoErrorException
{
    public const STATUS = -12;
}
